// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Genome} from "../libraries/Genome.sol";

/// @title GenomeHarness
/// @notice Exposes the internal Genome library to tests (eth_call only). Test code: never
///         deployed by scripts.
contract GenomeHarness {
    /*//////////////////////////////////////////////////////////////
                          ONE CALL PER FUNCTION
    //////////////////////////////////////////////////////////////*/

    /// @notice Genome.gene.
    function gene(uint256 genes, uint256 trait, uint256 position) external pure returns (uint256) {
        return Genome.gene(genes, trait, position);
    }

    /// @notice Genome.dominantTraits.
    function dominantTraits(uint256 genes) external pure returns (uint8[8] memory) {
        return Genome.dominantTraits(genes);
    }

    /// @notice Genome.decode.
    function decode(uint256 genes) external pure returns (uint8[32] memory) {
        return Genome.decode(genes);
    }

    /// @notice Genome.encode.
    function encode(uint8[32] memory decoded) external pure returns (uint256) {
        return Genome.encode(decoded);
    }

    /// @notice Genome.isValid.
    function isValid(uint256 genes) external pure returns (bool) {
        return Genome.isValid(genes);
    }

    /// @notice Genome.rarityTier.
    function rarityTier(uint256 genes) external pure returns (uint8) {
        return Genome.rarityTier(genes);
    }

    /// @notice Genome.mix.
    function mix(uint256 matronGenes, uint256 sireGenes, uint256 seed) external pure returns (uint256) {
        return Genome.mix(matronGenes, sireGenes, seed);
    }

    /*//////////////////////////////////////////////////////////////
                      BATCHES (fewer RPC round trips)
    //////////////////////////////////////////////////////////////*/

    /// @notice Genome.mix of each (matrons[i], sires[i], seeds[i]); the arrays have equal length.
    function mixMany(
        uint256[] calldata matrons,
        uint256[] calldata sires,
        uint256[] calldata seeds
    ) external pure returns (uint256[] memory children) {
        children = new uint256[](matrons.length);
        for (uint256 i; i < matrons.length; ++i) {
            children[i] = Genome.mix(matrons[i], sires[i], seeds[i]);
        }
    }

    /// @notice Genome.isValid and Genome.rarityTier of each genome.
    function classifyMany(
        uint256[] calldata genomes
    ) external pure returns (bool[] memory valid, uint8[] memory tiers) {
        valid = new bool[](genomes.length);
        tiers = new uint8[](genomes.length);
        for (uint256 i; i < genomes.length; ++i) {
            valid[i] = Genome.isValid(genomes[i]);
            tiers[i] = Genome.rarityTier(genomes[i]);
        }
    }

    /// @notice Genome.decode and Genome.dominantTraits of each genome.
    function decodeMany(
        uint256[] calldata genomes
    ) external pure returns (uint8[32][] memory decoded, uint8[8][] memory dominant) {
        decoded = new uint8[32][](genomes.length);
        dominant = new uint8[8][](genomes.length);
        for (uint256 i; i < genomes.length; ++i) {
            decoded[i] = Genome.decode(genomes[i]);
            dominant[i] = Genome.dominantTraits(genomes[i]);
        }
    }

    /*//////////////////////////////////////////////////////////////
                             GAS MEASUREMENT
    //////////////////////////////////////////////////////////////*/

    /// @notice Genome.mix and the gas it used (gasleft() before minus after, so it includes
    ///         a few gas of the measurement itself).
    function mixGasUsed(
        uint256 matronGenes,
        uint256 sireGenes,
        uint256 seed
    ) external view returns (uint256 child, uint256 gasUsed) {
        uint256 before = gasleft();
        child = Genome.mix(matronGenes, sireGenes, seed);
        gasUsed = before - gasleft();
    }

    /// @notice Genome.isValid and the gas it used.
    function isValidGasUsed(uint256 genes) external view returns (bool valid, uint256 gasUsed) {
        uint256 before = gasleft();
        valid = Genome.isValid(genes);
        gasUsed = before - gasleft();
    }

    /// @notice Genome.rarityTier and the gas it used.
    function rarityTierGasUsed(uint256 genes) external view returns (uint8 tier, uint256 gasUsed) {
        uint256 before = gasleft();
        tier = Genome.rarityTier(genes);
        gasUsed = before - gasleft();
    }
}
