report { title = "References" }
chart { kind = "bar", categories = { "a" }, values = { 1 }, caption = "One bar.", label = "fig:one" }
paragraph "As {ref:fig:one} shows, and {ref:fig:two} does not."
