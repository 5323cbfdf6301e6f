-- A test brand: every feature the shipped brands leave out (a cover
-- picture, a watermark, a centred header, a custom page size).
return {
  name = "Draft Co",
  colors = { primary = "#8C1F38", secondary = "#2B2D42", accent = "#EDB458",
             background = "#F3E3E7", stripe = false },
  fonts = { regular = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
            bold = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf" },
  logo = "mark.png",
  page = { size = { width = 540, height = 720 }, margins = { top = 70, right = 50, bottom = 60, left = 50 } },
  header = { left = "logo", center = "title", right = "section" },
  footer = { left = "confidential", center = "page" },
  confidential = "Draft for {client}",
  cover = { style = "image", image = "cover.jpg" },
  watermark = "DRAFT",
}
