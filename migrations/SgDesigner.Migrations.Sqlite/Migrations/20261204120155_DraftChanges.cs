using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SgDesigner.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DraftChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DraftChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DraftId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DraftVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ObjectKind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ObjectId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Change = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    GroupId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DraftChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DraftChanges_Drafts_DraftId",
                        column: x => x.DraftId,
                        principalTable: "Drafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DraftChanges_DraftId_ObjectKind_ObjectId",
                table: "DraftChanges",
                columns: new[] { "DraftId", "ObjectKind", "ObjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_DraftChanges_DraftId_UserId",
                table: "DraftChanges",
                columns: new[] { "DraftId", "UserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DraftChanges");
        }
    }
}
