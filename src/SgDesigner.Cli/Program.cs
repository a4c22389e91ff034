// sgd: the command-line face of the engine; the contract is cli.md beside this file.
return SgDesigner.Cli.Sgd.Run(args, Console.Out, Console.Error);
