print("anomark")
