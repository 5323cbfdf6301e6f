paragraph("ab\xff")
