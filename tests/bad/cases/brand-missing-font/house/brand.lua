return {
  name = "House",
  fonts = { regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            bold = "House-Bold.ttf" },
}
