report { title = "Paragraphs" }
-- the document lives outside the Lua heap, but under the same limit
for i = 1, 1e9 do paragraph(("word "):rep(200) .. i) end
