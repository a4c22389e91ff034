using System.Collections.Immutable;
using System.Text.Json;
using SgDesigner.Core.AwsCli;
using SgDesigner.Core.Model;
using SgDesigner.Core.Plans;

namespace SgDesigner.Core.Drift;

/// <summary>What printed a deployed snapshot.</summary>
public enum DeployedSource
{
    /// <summary>The AWS CLI's <c>describe-*</c> commands (one or several files).</summary>
    AwsCli,

    /// <summary>A Terraform state as <c>terraform show -json</c> prints it (one file).</summary>
    TerraformState,
}

/// <summary>A deployed snapshot read from its files: the estate, or the problems that stop it, each at its file and JSON path.</summary>
/// <param name="Estate">What is deployed, or null when <see cref="Errors"/> is not empty.</param>
/// <param name="Source">What printed the files (given or detected).</param>
/// <param name="Warnings">Oddities kept or repaired, at their place.</param>
/// <param name="Errors">Why the snapshot cannot be used, at their place.</param>
public sealed record DeployedRead(Estate? Estate, DeployedSource Source, ImmutableArray<ValidationError> Warnings, ImmutableArray<ValidationError> Errors)
{
    /// <summary>True when the files gave an estate that may be stored.</summary>
    public bool IsOk => Estate is not null && Errors.IsEmpty;
}

/// <summary>
/// Reads what is deployed, as <c>sgd drift --deployed</c> and the app's snapshot upload take it: AWS CLI <c>describe-*</c>
/// output (any number of files read together, as <c>sgd import aws</c> does) or one Terraform state. The kind is
/// given or told from the content: a state announces itself with <c>format_version</c> or <c>terraform_version</c>.
/// </summary>
public static class DeployedSnapshotReader
{
    /// <summary>The name of a source in the API and the store (<c>aws-cli</c>, <c>terraform-state</c>).</summary>
    public static string Name(DeployedSource source) => source == DeployedSource.AwsCli ? "aws-cli" : "terraform-state";

    /// <summary>The source of that name, or null when it names none.</summary>
    public static DeployedSource? Parse(string? name) => name switch
    {
        "aws-cli" => DeployedSource.AwsCli,
        "terraform-state" => DeployedSource.TerraformState,
        _ => null,
    };

    /// <summary>True when <paramref name="text"/> is JSON that a Terraform state (or plan) printed.</summary>
    public static bool IsTerraformState(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                (document.RootElement.TryGetProperty("format_version", out _) || document.RootElement.TryGetProperty("terraform_version", out _));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads <paramref name="files"/> as <paramref name="source"/>, or as the content says when null.</summary>
    public static DeployedRead Read(IReadOnlyList<AwsCliFile> files, DeployedSource? source)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
            return Failed(source ?? DeployedSource.AwsCli, new ValidationError("files", "choose at least one file"));
        var kind = source ?? (files.Any(f => IsTerraformState(f.Json)) ? DeployedSource.TerraformState : DeployedSource.AwsCli);
        return kind == DeployedSource.TerraformState ? ReadState(files) : ReadAws(files);
    }

    private static DeployedRead ReadState(IReadOnlyList<AwsCliFile> files)
    {
        if (files.Count > 1)
            return Failed(DeployedSource.TerraformState, new ValidationError($"{files[1].FileName}:$", "a Terraform state is uploaded on its own, not together with other files"));
        var file = files[0];
        var warnings = new List<string>();
        var (estate, error) = StateEstate.ReadAt(file.Json, file.FileName, warnings);
        if (estate is null)
            return Failed(DeployedSource.TerraformState, error!);
        return Checked(estate, DeployedSource.TerraformState, file.FileName, [.. warnings.Select(w => new ValidationError($"{file.FileName}:$", w))], []);
    }

    private static DeployedRead ReadAws(IReadOnlyList<AwsCliFile> files)
    {
        var result = AwsCliImporter.Import(files);
        if (result.Estate is not { } estate)
            return new(null, DeployedSource.AwsCli, result.Warnings, [result.Error ?? new ValidationError("files", "the AWS CLI output could not be read")]);
        return Checked(estate, DeployedSource.AwsCli, files[0].FileName, result.Warnings, result.Errors);
    }

    // Every VPC has its default group, so a snapshot without any group is not a description of a deployment
    // (Vpcs.json alone, or a state of other resources).
    private static DeployedRead Checked(
        Estate estate, DeployedSource source, string fileName, ImmutableArray<ValidationError> warnings, ImmutableArray<ValidationError> errors)
    {
        if (estate.Groups.IsEmpty && errors.IsEmpty)
            errors = [new ValidationError($"{fileName}:$", source == DeployedSource.AwsCli
                ? "the snapshot holds no security group: include the output of aws ec2 describe-security-groups"
                : "the state holds no aws_security_group or aws_default_security_group")];
        return new(errors.IsEmpty ? estate : null, source, warnings, errors);
    }

    private static DeployedRead Failed(DeployedSource source, ValidationError error) => new(null, source, [], [error]);
}
