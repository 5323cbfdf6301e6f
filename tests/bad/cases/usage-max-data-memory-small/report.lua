report { title = "x" }
