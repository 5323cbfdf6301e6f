return {
  name = "House",
  colors = { primary = "#112233" },
  colour = "blue",
}
