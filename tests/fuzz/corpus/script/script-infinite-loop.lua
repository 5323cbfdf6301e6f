report { title = "Loop" }
while true do end
