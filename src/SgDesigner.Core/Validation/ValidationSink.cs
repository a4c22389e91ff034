using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Validation;

/// <summary>Collects errors and warnings; "soft" problems are errors in the designer, warnings on import.</summary>
internal sealed class ValidationSink(EstateValidationMode mode)
{
    private readonly ImmutableArray<ValidationError>.Builder _errors = ImmutableArray.CreateBuilder<ValidationError>();
    private readonly ImmutableArray<ValidationError>.Builder _warnings = ImmutableArray.CreateBuilder<ValidationError>();

    public EstateValidationMode Mode { get; } = mode;

    public void Error(string path, string message) => _errors.Add(new ValidationError(path, message));

    public void Warn(string path, string message) => _warnings.Add(new ValidationError(path, message));

    /// <summary>An error in the designer; a warning for imported data, which AWS evidently accepted.</summary>
    public void Soft(string path, string message)
    {
        if (Mode == EstateValidationMode.Designer)
            Error(path, message);
        else
            Warn(path, message);
    }

    public EstateValidation ToResult() => new(_errors.ToImmutable(), _warnings.ToImmutable());
}
