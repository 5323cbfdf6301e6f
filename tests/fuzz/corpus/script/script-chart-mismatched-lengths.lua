report { title = "Charts" }
local vendors = { "Acme", "Borealis", "Cobalt" }
chart { kind = "bar", title = "NPS", categories = vendors,
        values = { 31, 12 } }
