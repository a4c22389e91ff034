using SgDesigner.Core.Model;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Designer;

public sealed partial class DesignSession
{
    /// <summary>
    /// Shows <paramref name="estate"/> as the draft <paramref name="info"/> that the store never held, as an editor who may
    /// publish sees it, without reading the store or asking for a caller: for the startup warm-up's render of the designer
    /// only (<c>DesignerWarmUp</c>). Its engine and findings go to the <see cref="PreparedDrafts"/> this session was made
    /// with, which must be the warm-up's own, never the server's: no user could find them there.
    /// </summary>
    internal void ShowUnstored(DraftInfo info, Estate estate)
    {
        Info = info;
        (MayEdit, MayPublish) = (true, true);
        Show(estate, rebuild: true);
    }
}
