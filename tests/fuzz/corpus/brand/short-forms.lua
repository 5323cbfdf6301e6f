return { name = "Short", page = { size = "Letter" }, cover = { style = "stripe" }, watermark = "DRAFT",
         fonts = { regular = "/usr/share/fonts/truetype/lato/Lato-Regular.ttf" } }
