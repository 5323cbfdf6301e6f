report { title = "Branded", brand = "acme" }
