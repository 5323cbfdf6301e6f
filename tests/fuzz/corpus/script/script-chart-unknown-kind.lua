report { title = "Charts" }
chart { kind = "pie", categories = { "Yes", "No" }, values = { 62, 38 } }
