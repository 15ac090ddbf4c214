// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Genome
/// @notice Pawchain's public gene rules: the genome's layout, its validity, a pet's rarity tier
///         and how two genomes mix into a child's. docs/genetics.md is the specification; the
///         Python twin in backend/pawchain/rules/genetics/ implements the same rules and a
///         differential test requires both to agree.
/// @dev Bit layout of a genome (bit 0 is the least significant):
///
///      [5*(4t+p) .. 5*(4t+p)+4]  gene of trait t (0..7) at position p (0 dominant .. 3 most
///                                recessive), a variant 0..31
///      [0..19] body shape  [20..39] pattern  [40..59] eye shape  [60..79] eye colour
///      [80..99] mouth  [100..119] body colour  [120..139] pattern colour  [140..159] belly colour
///      [160..255] reserved, zero in every valid genome
///
///      Variants: 0..15 base, 16..23 tier I, 24..27 tier II, 28..29 tier III, 30 tier IV,
///      31 reserved (never valid). A trait is rare when its dominant gene is 16 or more.
///
///      Mixing uses, for trait t, the 32-bit slice r = (seed >> 32t) & 0xFFFFFFFF of the seed:
///      r[0..5]   the matron's swaps of pairs (3,2), (2,1), (1,0), in that order, two bits each;
///                a pair swaps when its two bits are both 0 (p = 1/4)
///      r[6..11]  the sire's swaps, the same way
///      r[12+p]   the parent of the child's gene at position p (0 matron, 1 sire)
///      r[16+3p .. 18+3p]  the mutation roll at position p, 0..7
///      When the parents' genes at a position are 2j and 2j+1 (j < 15), the child gets the
///      mutant 16 + j instead if the roll is below 2 (mutant of tier I) or below 1 (tier II+).
library Genome {
    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev Number of visible traits.
    uint256 internal constant TRAIT_COUNT = 8;

    /// @dev Genes per trait: one dominant, three recessive.
    uint256 internal constant GENES_PER_TRAIT = 4;

    /// @dev Genes in a genome (TRAIT_COUNT * GENES_PER_TRAIT).
    uint256 internal constant GENE_COUNT = 32;

    /// @dev Bits of one gene.
    uint256 internal constant GENE_BITS = 5;

    /// @dev Bits of one trait (GENES_PER_TRAIT * GENE_BITS).
    uint256 internal constant TRAIT_BITS = 20;

    /// @dev Bits carrying genes; everything above is reserved.
    uint256 internal constant GENE_AREA_BITS = 160;

    /// @dev The reserved variant: a genome with it is invalid.
    uint256 internal constant RESERVED_VARIANT = 31;

    /// @dev Smallest rare variant (tier I).
    uint256 internal constant FIRST_RARE_VARIANT = 16;

    /// @dev Mask of one gene.
    uint256 private constant _GENE_MASK = 0x1F;

    /// @dev Mask of one trait's four genes.
    uint256 private constant _TRAIT_MASK = 0xFFFFF;

    /// @dev Bit 5i set for every gene i (i < 32): the lowest bit of each gene. Written as a
    ///      quotient, (2^160 - 1) / (2^5 - 1) = sum of 2^(5i), because a 40-digit hex literal
    ///      would be read as an address; the compiler folds it to 0x0842108421...08421.
    uint256 private constant _GENE_LOW_BITS = type(uint160).max / _GENE_MASK;

    /// @dev Bit 20t set for every trait t (t < 8); multiplying by it sums the traits' low bits.
    uint256 private constant _TRAIT_LOW_BITS = type(uint160).max / _TRAIT_MASK;

    /// @dev Bit 20t + 4 set for every trait t: the "16" bit of each dominant gene.
    uint256 private constant _DOMINANT_RARE_BITS = _TRAIT_LOW_BITS << 4;

    /// @dev Nibble n is the rarity tier of a pet with n rare traits (n = 0..8):
    ///      0,0 Common; 1 Rare; 2 Excellent; 3,3 Epic; 4,4 Mythical; 5 Legendary.
    uint256 private constant _TIER_BY_RARE_COUNT = 0x544332100;

    /// @dev Lowest bit of each of a trait's four genes (bits 0, 5, 10, 15).
    uint256 private constant _TRAIT_GENE_LOW_BITS = 0x8421;

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @dev `encode` was given a gene at `index` with a variant above 30.
    error GenomeInvalidVariant(uint256 index, uint256 variant);

    /// @dev `gene` was asked for a trait above 7 or a position above 3.
    error GenomeGeneOutOfRange(uint256 trait, uint256 position);

    /*//////////////////////////////////////////////////////////////
                              READING GENES
    //////////////////////////////////////////////////////////////*/

    /// @notice The variant of trait `trait` at position `position` (0 dominant .. 3).
    /// @dev Reverts with GenomeGeneOutOfRange unless trait < 8 and position < 4.
    function gene(uint256 genes, uint256 trait, uint256 position) internal pure returns (uint256) {
        if (trait >= TRAIT_COUNT || position >= GENES_PER_TRAIT) {
            revert GenomeGeneOutOfRange(trait, position);
        }
        return (genes >> (GENE_BITS * (GENES_PER_TRAIT * trait + position))) & _GENE_MASK;
    }

    /// @notice The dominant (shown) variant of each of the eight traits, in trait order.
    function dominantTraits(uint256 genes) internal pure returns (uint8[8] memory traits) {
        for (uint256 t; t < TRAIT_COUNT; ++t) {
            traits[t] = uint8((genes >> (TRAIT_BITS * t)) & _GENE_MASK);
        }
    }

    /// @notice All 32 genes; gene (trait t, position p) is at index 4t + p.
    /// @dev Reserved bits are ignored.
    function decode(uint256 genes) internal pure returns (uint8[32] memory decoded) {
        for (uint256 i; i < GENE_COUNT; ++i) {
            decoded[i] = uint8((genes >> (GENE_BITS * i)) & _GENE_MASK);
        }
    }

    /// @notice The genome holding these 32 genes (index 4t + p), reserved bits zero.
    /// @dev Reverts with GenomeInvalidVariant on a variant above 30, so the result is valid.
    function encode(uint8[32] memory decoded) internal pure returns (uint256 genes) {
        for (uint256 i; i < GENE_COUNT; ++i) {
            uint256 variant = decoded[i];
            if (variant >= RESERVED_VARIANT) revert GenomeInvalidVariant(i, variant);
            genes |= variant << (GENE_BITS * i);
        }
    }

    /*//////////////////////////////////////////////////////////////
                            VALIDITY, RARITY
    //////////////////////////////////////////////////////////////*/

    /// @notice True when no gene is the reserved variant 31 and the reserved bits are zero.
    /// @dev Branch-free: a gene is 31 exactly when all five of its bits are set, so AND-ing
    ///      the genome with itself shifted by 1..4 leaves bit 5i set only for such a gene i.
    function isValid(uint256 genes) internal pure returns (bool) {
        uint256 allOnes = genes & (genes >> 1) & (genes >> 2) & (genes >> 3) & (genes >> 4);
        return ((genes >> GENE_AREA_BITS) | (allOnes & _GENE_LOW_BITS)) == 0;
    }

    /// @notice Rarity tier from the number of rare traits (dominant gene 16 or more):
    ///         0 Common (0-1), 1 Rare (2), 2 Excellent (3), 3 Epic (4-5), 4 Mythical (6-7),
    ///         5 Legendary (8).
    /// @dev A dominant variant is 16 or more exactly when its bit 4 is set. Multiplying the
    ///      eight flags (at bits 20t) by the sum of 2^(20t) adds them all into bits 140..143;
    ///      the partial sums are at most 8 and sit 20 bits apart, so nothing carries between them.
    function rarityTier(uint256 genes) internal pure returns (uint8) {
        uint256 flags = (genes & _DOMINANT_RARE_BITS) >> 4;
        uint256 rareCount;
        unchecked {
            // Products above bit 255 wrap away; only bits 140..143 are read.
            rareCount = ((flags * _TRAIT_LOW_BITS) >> 140) & 0xF;
        }
        return uint8((_TIER_BY_RARE_COUNT >> (4 * rareCount)) & 0xF);
    }

    /*//////////////////////////////////////////////////////////////
                                 MIXING
    //////////////////////////////////////////////////////////////*/

    /// @notice The child's genome from its matron's, its sire's and a 256-bit random seed.
    /// @dev Trait t uses only the seed's bits 32t..32t+31 (see the header). The child's
    ///      reserved bits are zero; valid parents always give a valid child. Defined for any
    ///      inputs (a 31 is inherited like any variant; 30/31 never mutates).
    function mix(uint256 matronGenes, uint256 sireGenes, uint256 seed) internal pure returns (uint256 child) {
        // unchecked: the shift only takes the values 0, 20, .., 160.
        unchecked {
            for (uint256 shift; shift < GENE_AREA_BITS; shift += TRAIT_BITS) {
                uint256 traitGenes = _mixTrait(
                    (matronGenes >> shift) & _TRAIT_MASK,
                    (sireGenes >> shift) & _TRAIT_MASK,
                    seed & 0xFFFFFFFF
                );
                child |= traitGenes << shift;
                seed >>= 32;
            }
        }
    }

    /*//////////////////////////////////////////////////////////////
                            PRIVATE HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev One trait: m and s are the parents' 20-bit traits, r the trait's 32 random bits.
    function _mixTrait(uint256 m, uint256 s, uint256 r) private pure returns (uint256 child) {
        // unchecked: the only arithmetic is multiplying values below 2^20 by constants below
        // 2^16 (products below 2^36); it cannot overflow.
        unchecked {
            m = _swapPairs(m, r);
            s = _swapPairs(s, r >> 6);

            // Parent choice for all four genes at once: copies of r's bits 12..15 at offsets
            // 0, 4, 8, 12 (they never overlap) put bit p at 5p; widen each to a 5-bit mask.
            uint256 fromSire = ((((r >> 12) & 0xF) * 0x1111) & _TRAIT_GENE_LOW_BITS) * _GENE_MASK;
            child = (m & ~fromSire) | (s & fromSire);

            uint256 candidates = _mutationCandidates(m, s);
            if (candidates == 0) return child; // the common case: no position can mutate

            // The four 3-bit rolls, moved from bits 16+3p of r to bits 5p..5p+2 (gene p's slot).
            uint256 rolls =
                ((r >> 16) & 7) | (((r >> 19) & 7) << 5) | (((r >> 22) & 7) << 10) | (((r >> 25) & 7) << 15);
            // At bit 5p: the roll is 2 or more (its bit 1 or 2 is set), or it is odd while the
            // mutant is of tier II or above (parents 16..29, bit 4 set) and so needs a roll of 0.
            uint256 missed = (rolls >> 1) | (rolls >> 2) | (rolls & (m >> 4));
            uint256 mutated = (candidates & ~missed) * _GENE_MASK; // whole 5-bit slots
            // The mutant of parents 2j and 2j+1 is 16 + j: bits 1..4 of m's gene, plus 16.
            uint256 mutants = ((m >> 1) & (_TRAIT_GENE_LOW_BITS * 0xF)) | (_TRAIT_GENE_LOW_BITS << 4);
            child = (child & ~mutated) | (mutants & mutated);
        }
    }

    /// @dev Bit 5p is set when the genes a = m[p], b = s[p] may mutate: |a - b| = 1 with the
    ///      smaller even (so a ^ b == 1: equal above bit 0) and the smaller below 30.
    function _mutationCandidates(uint256 m, uint256 s) private pure returns (uint256) {
        uint256 diff = m ^ s;
        uint256 upper = diff >> 1; // bits 1..4 of each gene's difference, moved down one
        uint256 upperDiffers = upper | (upper >> 1) | (upper >> 2) | (upper >> 3);
        uint256 pairOf30 = (m >> 1) & (m >> 2) & (m >> 3) & (m >> 4); // m's bits 1..4 all set
        return diff & ~(upperDiffers | pairOf30) & _TRAIT_GENE_LOW_BITS;
    }

    /// @dev The three swaps of one parent's trait, driven by the low six bits of r:
    ///      pair (3,2) on bits 0..1, then (2,1) on bits 2..3, then (1,0) on bits 4..5.
    function _swapPairs(uint256 g, uint256 r) private pure returns (uint256) {
        if ((r & 0x03) == 0) g = _swapAdjacent(g, 10);
        if ((r & 0x0C) == 0) g = _swapAdjacent(g, 5);
        if ((r & 0x30) == 0) g = _swapAdjacent(g, 0);
        return g;
    }

    /// @dev Swaps the gene at bits lowShift..lowShift+4 with the one just above it.
    function _swapAdjacent(uint256 g, uint256 lowShift) private pure returns (uint256) {
        // unchecked: lowShift is 0, 5 or 10 and x a 5-bit value.
        unchecked {
            uint256 x = ((g >> lowShift) ^ (g >> (lowShift + GENE_BITS))) & _GENE_MASK;
            // x * 0x21 puts x at bits 0..4 and 5..9 (no overlap); XOR exchanges the two genes.
            return g ^ ((x * 0x21) << lowShift);
        }
    }
}
