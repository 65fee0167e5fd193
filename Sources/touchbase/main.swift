import TouchbaseCLI

Touchbase.runMain()
