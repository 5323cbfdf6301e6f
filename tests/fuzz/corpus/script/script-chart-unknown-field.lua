report { title = "Charts" }
chart { kind = "bar", categories = { "a" }, values = { 1 }, colour = "red" }
