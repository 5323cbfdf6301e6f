report { title = "x" }
tabulate { header = { "a", "b" }, rows = { { 1, 2, 3 } } }
