using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SgDesigner.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DeployedSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DeployedSnapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PolicyId = table.Column<Guid>(type: "uuid", nullable: false),
                    TakenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FileName = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    UploadedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    UploadedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    GroupCount = table.Column<int>(type: "integer", nullable: false),
                    RuleCount = table.Column<int>(type: "integer", nullable: false),
                    Document = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeployedSnapshots", x => x.Id);
                    table.CheckConstraint("CK_DeployedSnapshots_Source", "\"Source\" IN ('aws-cli', 'terraform-state')");
                    table.ForeignKey(
                        name: "FK_DeployedSnapshots_AspNetUsers_UploadedByUserId",
                        column: x => x.UploadedByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_DeployedSnapshots_Policies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "Policies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeployedSnapshots_PolicyId_TakenAt",
                table: "DeployedSnapshots",
                columns: new[] { "PolicyId", "TakenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DeployedSnapshots_UploadedByUserId",
                table: "DeployedSnapshots",
                column: "UploadedByUserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeployedSnapshots");
        }
    }
}
