for i in range(3000):
    print(i, end=" ")
print()
print("done")
