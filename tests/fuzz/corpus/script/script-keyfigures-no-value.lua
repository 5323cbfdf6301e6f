report { title = "Key figures" }
keyfigures { value = "29.9", label = "Industry average NPS" }
