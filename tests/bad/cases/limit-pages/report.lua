report { title = "Chapters" }
for i = 1, 1000000 do
  h1("Chapter " .. i)
  pagebreak()
end
