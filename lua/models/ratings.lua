-- The per-dimension rating bands both shipped maturity models use, on the
-- 0–100 score: cxreport's documented defaults, not published figures.
return {
  { below = 30, name = "Very weak" },
  { below = 50, name = "Weak" },
  { below = 65, name = "Okay" },
  { below = 80, name = "Good" },
  { name = "Very good" },
}
