report { title = "Small" }
paragraph "A small report is still bigger than 4 KiB: it embeds its fonts."
