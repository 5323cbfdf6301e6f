heading(4, "Too deep")
