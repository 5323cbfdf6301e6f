report { title = "x" }
os.execute("touch pwned")
