import os

import sitecustomize

os.write(sitecustomize.THREADLINE_FD, b"this is not json\n")
os.write(sitecustomize.THREADLINE_FD, b'{"e":"nonsense","t":0,"at":1}\n')
print("still fine")
os.write(sitecustomize.THREADLINE_FD, b"x" * 200_000 + b"\n")
print("after the flood")
