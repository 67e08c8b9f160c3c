# A user's own sitecustomize: threadline's tracer must still let it run.
import builtins

builtins.USER_SITECUSTOMIZE_RAN = True
