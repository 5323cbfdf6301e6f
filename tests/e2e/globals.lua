-- Lists every global a report script can reach, and every member of each
-- library table, sorted: compared with the list in the README.
local out = {}
for name, value in pairs(_G) do
  if type(value) == "table" and name ~= "_G" and name ~= "param" then
    for member in pairs(value) do out[#out + 1] = name .. "." .. member end
  else
    out[#out + 1] = name
  end
end
table.sort(out)
for _, line in ipairs(out) do print(line) end
