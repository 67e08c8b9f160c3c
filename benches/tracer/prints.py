# 50,000 print(i, end=" ") on one line.
for i in range(50000):
    print(i, end=" ")
print()
