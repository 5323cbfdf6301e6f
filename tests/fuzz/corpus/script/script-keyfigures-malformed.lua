report { title = "Key figures" }
keyfigures {
  { value = "29.9", label = "Industry average NPS", change = -1.9, change_label = "vs 2015", good = "higher" },
}
