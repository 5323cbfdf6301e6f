-- every key a brand may have, with the cover picture and a watermark
return {
  name = "Every Key",
  colors = { primary = "#102030", secondary = "#405060", accent = "#A0B0C0",
             text = "#000000", muted = "#777777", rule = "#CCCCCC",
             background = "#EEEEEE", stripe = "#F8F8F8",
             chart = { "#111111", "#222222", "#333333" } },
  fonts = {
    regular = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    bold = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    fallback = { "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                 { path = "/nonexistent/font.ttf", optional = true } },
  },
  logo = "logo.png",
  page = { size = { width = 500, height = 700 }, margins = { top = 60, right = 40, bottom = 50, left = 40 } },
  header = { left = "logo", center = "title", right = "section" },
  footer = { left = "confidential", center = "title", right = "page" },
  confidential = "Confidential — {client}",
  cover = { style = "image", image = "logo.png", color = "#123456", text = "#FFFFFF" },
  watermark = { text = "DRAFT", color = "#FF0000", opacity = 0.2 },
}
