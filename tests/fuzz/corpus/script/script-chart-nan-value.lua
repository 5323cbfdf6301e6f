report { title = "Charts" }
chart { kind = "line", categories = { 2015, 2016 }, series = { { name = "NPS", values = { 31, 0/0 } } } }
