using MudBlazor;

namespace SgDesigner.Web.Features.Theme;

/// <summary>
/// The app's colours, light and dark. MudBlazor's defaults put several texts under WCAG AA's 4.5:1 (the pink
/// secondary at 3.33:1 on white, info, warning and success as text or under white text, secondary text on tinted
/// fields, the dark primary at 2.8:1); every colour here reaches 4.5:1 on its background, also on the ~6% tint of
/// outlined and text chips and alerts (checked by the axe browser tests in both themes).
/// </summary>
public static class AppTheme
{
    /// <summary>The theme for <see cref="MudThemeProvider"/>.</summary>
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Secondary = "#c2185b",
            Info = "#1565c0",
            Success = "#2e7d32",
            Warning = "#9a5400",
            Error = "#c62828",
            TextSecondary = "rgba(0,0,0,0.62)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#aea7f5",
            PrimaryContrastText = "rgba(0,0,0,0.87)",
            Secondary = "#ff8fb3",
            SecondaryContrastText = "rgba(0,0,0,0.87)",
            Info = "#7cc2f8",
            InfoContrastText = "rgba(0,0,0,0.87)",
            Success = "#4fd8a4",
            SuccessContrastText = "rgba(0,0,0,0.87)",
            Warning = "#ffb74d",
            WarningContrastText = "rgba(0,0,0,0.87)",
            Error = "#ff9e97",
            ErrorContrastText = "rgba(0,0,0,0.87)",
            TextPrimary = "rgba(255,255,255,0.87)",
            TextSecondary = "rgba(255,255,255,0.66)",
            ActionDefault = "rgba(255,255,255,0.75)",
        },
    };
}
