report { title = "Branded", brand = "nope" }
