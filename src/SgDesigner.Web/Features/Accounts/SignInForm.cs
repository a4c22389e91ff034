using System.ComponentModel.DataAnnotations;

namespace SgDesigner.Web.Features.Accounts;

/// <summary>What the sign-in form posts.</summary>
public sealed class SignInForm
{
    /// <summary>The e-mail the account was created with.</summary>
    [Required(ErrorMessage = "Enter your e-mail address.")]
    public string Email { get; set; } = "";

    /// <summary>The password.</summary>
    [Required(ErrorMessage = "Enter your password.")]
    public string Password { get; set; } = "";

    /// <summary>Keep the session after the browser closes.</summary>
    public bool Remember { get; set; }
}

/// <summary>What the sign-up form posts.</summary>
public sealed class SignUpForm
{
    /// <summary>The name others see.</summary>
    [Required(ErrorMessage = "Enter the name others will see.")]
    [StringLength(200, ErrorMessage = "A name has at most 200 characters.")]
    public string DisplayName { get; set; } = "";

    /// <summary>E-mail, also the sign-in name.</summary>
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "That is not an e-mail address.")]
    public string Email { get; set; } = "";

    /// <summary>At least 12 characters (the account store checks the rules).</summary>
    [Required(ErrorMessage = "Choose a password.")]
    public string Password { get; set; } = "";

    /// <summary>The password again.</summary>
    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    public string ConfirmPassword { get; set; } = "";

    /// <summary>The invitation's token from the link (not needed by the first user).</summary>
    public string? Invitation { get; set; }
}

/// <summary>What the change-password form posts.</summary>
public sealed class ChangePasswordForm
{
    /// <summary>The password in use now: a session left open is not enough to change it.</summary>
    [Required(ErrorMessage = "Enter your current password.")]
    public string CurrentPassword { get; set; } = "";

    /// <summary>At least 12 characters (the account store checks the rules).</summary>
    [Required(ErrorMessage = "Choose a new password.")]
    public string NewPassword { get; set; } = "";

    /// <summary>The new password again.</summary>
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords differ.")]
    public string ConfirmPassword { get; set; } = "";
}
