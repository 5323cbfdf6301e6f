return {
  name = "Acme",
  logo = "logo.png",
}
