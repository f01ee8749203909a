/** The architecture rules of DESIGN.md as ArchUnit rules, shared by every module's wall test (test scope only). */
package dev.bulwark.walls;
