// sgd: the command-line face of the engine; the contract is spec/cli.md.
return SgDesigner.Cli.Sgd.Run(args, Console.Out, Console.Error);
