report { title = "Charts" }
paragraph "A radar needs three spokes."
chart { kind = "radar", categories = { "Strategy", "Culture" }, values = { 70, 55 } }
