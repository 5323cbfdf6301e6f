-- Meridian Partners: a consultancy's brand kit, to show what a brand
-- changes.  Deep teal and amber, Lato, US Letter, the logo in the header,
-- a full-bleed cover band and a confidentiality line in the footer.
return {
  name = "Meridian Partners",
  colors = {
    primary = "#00594F",     -- deep teal: heading 1, cover band, bullets
    secondary = "#1B3A4B",   -- slate: headings 2 and 3
    accent = "#E0A526",      -- amber: the rule under the cover band
    text = "#222B30",
    muted = "#5F6B73",
    rule = "#C9D3D1",
    background = "#DCEBE7",  -- table header shading: the teal, much lighter
    stripe = "#F3F8F7",
    chart = { "#00594F", "#E0A526", "#5B7F95", "#C8553D", "#8FB8A8", "#1B3A4B",
              "#B5A68C", "#7A5C8E" },
  },
  fonts = {
    regular = "/usr/share/fonts/truetype/lato/Lato-Regular.ttf",
    bold = "/usr/share/fonts/truetype/lato/Lato-Bold.ttf",
    italic = "/usr/share/fonts/truetype/lato/Lato-Italic.ttf",
    bold_italic = "/usr/share/fonts/truetype/lato/Lato-BoldItalic.ttf",
    -- Lato covers Latin, Greek and Cyrillic; DejaVu the rest of Europe's
    -- symbols, WenQuanYi Micro Hei (when installed) Chinese and Japanese
    fallback = { "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                 { path = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", optional = true } },
  },
  logo = "logo.png",
  page = { size = "Letter", margins = { top = 78, right = 64, bottom = 64, left = 64 } },
  header = { left = "logo", right = "section" },
  footer = { left = "confidential", right = "page" },
  confidential = "Confidential — prepared for {client}",
  cover = { style = "band", text = "#FFFFFF" },
}
