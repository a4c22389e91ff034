using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SgDesigner.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PagingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PersonalAccessTokens_UserId",
                table: "PersonalAccessTokens");

            migrationBuilder.DropIndex(
                name: "IX_Drafts_PolicyId",
                table: "Drafts");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalAccessTokens_UserId_CreatedAt_Id",
                table: "PersonalAccessTokens",
                columns: new[] { "UserId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Drafts_PolicyId_Status_CreatedAt_Id",
                table: "Drafts",
                columns: new[] { "PolicyId", "Status", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PersonalAccessTokens_UserId_CreatedAt_Id",
                table: "PersonalAccessTokens");

            migrationBuilder.DropIndex(
                name: "IX_Drafts_PolicyId_Status_CreatedAt_Id",
                table: "Drafts");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalAccessTokens_UserId",
                table: "PersonalAccessTokens",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Drafts_PolicyId",
                table: "Drafts",
                column: "PolicyId");
        }
    }
}
