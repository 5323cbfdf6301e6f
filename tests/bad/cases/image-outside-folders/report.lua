report { title = "Pictures" }
image { path = "passwd.png", width = 100 }
