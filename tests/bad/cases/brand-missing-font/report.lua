report { title = "Branded" }
