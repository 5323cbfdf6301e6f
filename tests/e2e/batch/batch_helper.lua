return { title = function(client) return "Assessment for " .. client end }
