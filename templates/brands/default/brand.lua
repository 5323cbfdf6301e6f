-- The default brand: the neutral house look of cxreport, written out as a
-- brand kit.  Copy this folder to start a brand of your own (see "Brands"
-- in the README for every key).
return {
  name = "cxreport",
  colors = {
    primary = "#1D4E89",     -- heading 1, title bars, bullets, cover
    secondary = "#1F2933",   -- headings 2 and 3
    text = "#1F2933",
    muted = "#616E7C",       -- subtitles, captions, headers and footers
    rule = "#CBD2D9",
    background = "#E1E9F2",  -- table header shading
    stripe = "#F5F7FA",      -- every other table row
    -- no chart palette: charts keep Okabe-Ito, distinct for readers with
    -- colour-vision deficiencies (chart = { "#RRGGBB", ... } sets one)
  },
  fonts = {
    regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    italic = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
    bold_italic = "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf",
    -- CJK and more, for the characters DejaVu lacks, when installed
    fallback = { { path = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", optional = true } },
  },
  page = { size = "A4", margins = 56.7 },    -- 2 cm all round
  footer = { left = "title", right = "page" },
  cover = { style = "stripe" },
}
