# Main's last line has no newline: traced in plain mode it is written as
# untraced, and the summary still starts below it, after a blank line.
import sys

print("a whole line")
sys.stdout.write("no newline at the end")
