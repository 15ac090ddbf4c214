// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ERC2771Context} from "@openzeppelin/contracts/metatx/ERC2771Context.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {IPetEscrowHooks} from "./interfaces/IPetEscrowHooks.sol";
import {IPetToken} from "./interfaces/IPetToken.sol";
import {Cooldowns} from "./libraries/Cooldowns.sol";
import {PetAdmin} from "./pets/PetAdmin.sol";
import {PetBirths} from "./pets/PetBirths.sol";
import {PetGen0} from "./pets/PetGen0.sol";
import {PetMarketHooks} from "./pets/PetMarketHooks.sol";

/// @title PetToken
/// @notice Pawchain's pets: ERC-721 tokens whose genes, lineage and breeding state live on
/// chain. Two pets breed; after the matron's gestation anyone may bring the child to term.
/// Rules: docs/rules.md and docs/contracts.md; genetics: docs/genetics.md.
/// @dev The deployable contract, assembled from one part per concern under contracts/pets/:
/// PetCore (storage, the pet's words, ERC-165, ERC-2771), PetGen0 (generation-0 minting),
/// PetBreeding (siring approvals, kinship, breeding), PetBirths (birth seeds and births,
/// with the randomness threat model), PetMarketHooks (what the markets call) and PetAdmin
/// (settings, pause, royalties). This file holds the constructor, the collection's
/// metadata and the full record of a pet. It names IPetEscrowHooks, the markets' interface,
/// among its bases (PetCore already does; the parts implement it) so the declaration shows here.
contract PetToken is IPetEscrowHooks, PetGen0, PetMarketHooks, PetBirths, PetAdmin {
    using Strings for uint256;

    /* ------------------------------------------------------------ */
    /*                         CONSTRUCTOR                          */
    /* ------------------------------------------------------------ */

    /// @notice Deploys the collection: its admin, operator, treasury, forwarder, base URI and royalty.
    /// @param admin Holds DEFAULT_ADMIN_ROLE: settings, pause, roles.
    /// @param operator Holds OPERATOR_ROLE: creates generation-0 pets.
    /// @param treasuryAccount Receives royalties.
    /// @param trustedForwarder The ERC-2771 forwarder of gasless play (zero: none).
    /// @param baseTokenURI tokenURI(id) is this followed by the id in decimal.
    /// @param royaltyBps ERC-2981 royalty in basis points, at most MAX_ROYALTY_BPS.
    constructor(
        address admin,
        address operator,
        address treasuryAccount,
        address trustedForwarder,
        string memory baseTokenURI,
        uint96 royaltyBps
    ) AccessControlDefaultAdminRules(ADMIN_TRANSFER_DELAY, _nonZero(admin)) ERC2771Context(trustedForwarder) {
        if (operator == address(0)) revert PetZeroAddress();
        _grantRole(OPERATOR_ROLE, operator);
        _setTreasury(treasuryAccount);
        _setRoyalty(royaltyBps);
        _baseTokenURI = baseTokenURI;
    }

    /* ------------------------------------------------------------ */
    /*                     METADATA (ERC-721)                       */
    /* ------------------------------------------------------------ */

    /// @notice The collection's name.
    function name() external pure returns (string memory) {
        return "Pawchain Pets";
    }

    /// @notice The collection's symbol.
    function symbol() external pure returns (string memory) {
        return "PAW";
    }

    /// @notice Where the metadata JSON of `petId` lives: the base URI followed by the id.
    /// @dev Requirements: `petId` exists.
    function tokenURI(uint256 petId) external view returns (string memory) {
        _requireOwned(petId);
        return string.concat(_baseTokenURI, petId.toString());
    }

    /// @notice ERC-7572: where the collection's metadata JSON lives (name, description, image,
    /// link), which marketplaces show on the collection's page: the base URI followed by
    /// "collection", so it moves with tokenURI (the game's server answers both).
    function contractURI() external view returns (string memory) {
        return string.concat(_baseTokenURI, "collection");
    }

    /// @notice The number of pets in existence (pets are never burned).
    function totalSupply() external view returns (uint256) {
        return _state.minted;
    }

    /* ------------------------------------------------------------ */
    /*                           VIEWS                              */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IPetToken
    function getPet(uint256 petId) external view returns (Pet memory pet) {
        uint256 word = _ownershipWord(petId);
        _ownerIn(petId, word);
        Lineage memory lineage = _lineage[petId];
        Pregnancy memory pregnancy = _pregnancy[petId];
        Clock memory clock = _clockIn(word);
        pet.genes = lineage.genes;
        pet.birthTime = lineage.birthTime;
        pet.cooldownEnd = uint64(clock.cooldownEnd);
        pet.matronId = lineage.matronId;
        pet.sireId = lineage.sireId;
        pet.siringWithId = pregnancy.siringWithId;
        pet.commitBlock = pregnancy.commitBlock;
        pet.generation = uint16(clock.generation);
        pet.cooldownIndex = uint8(Cooldowns.index(clock.generation, clock.breedings));
        pet.birthFee = pregnancy.birthFee;
        pet.litters = pregnancy.litters;
        pet.birthSeed = pregnancy.birthSeed;
    }

    /* ------------------------------------------------------------ */
    /*                     INTERNAL FUNCTIONS                       */
    /* ------------------------------------------------------------ */

    /// @dev `admin`, after checking it is not the zero address (for the admin rules' constructor).
    function _nonZero(address admin) private pure returns (address) {
        if (admin == address(0)) revert PetZeroAddress();
        return admin;
    }
}
