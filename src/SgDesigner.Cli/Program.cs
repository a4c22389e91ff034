// sgd: the command-line face of the engine; see ../shared/spec/cli.md. Commands arrive with issue 3.
return 0;
