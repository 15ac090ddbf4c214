// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";

/// @title IPetToken
/// @notice What the game, the market and the indexer rely on: pets as ERC-721 tokens whose
/// genes, lineage and breeding state live on chain. See docs/contracts.md.
interface IPetToken is IERC721Metadata, IERC4906 {
    /// @notice A pet as stored on chain, unpacked.
    struct Pet {
        uint256 genes; // 256-bit genome, docs/genetics.md
        uint64 birthTime; // unix seconds
        uint64 cooldownEnd; // unix seconds: ready to breed from then on; for a pregnant pet, due date
        uint32 matronId; // 0 for generation 0
        uint32 sireId; // 0 for generation 0
        uint32 siringWithId; // the sire while pregnant, else 0
        uint32 commitBlock; // block whose hash seeds the birth while pregnant, else 0
        uint16 generation;
        uint8 cooldownIndex; // current step of the cooldown ladder (0..13)
        uint64 birthFee; // wei prepaid by the breeder for whoever calls giveBirth
        uint32 litters; // births this pet has given as a matron
        uint96 birthSeed; // while pregnant: the sealed seed of the birth, 0 until sealed
    }

    /* ------------------------------------------------------------ */
    /*                           EVENTS                           */
    /* ------------------------------------------------------------ */

    /// @notice A pet came into the world: generation 0 when `matronId` and `sireId` are 0.
    event Birth(
        uint256 indexed petId,
        uint256 indexed matronId,
        uint256 indexed sireId,
        uint256 genes,
        uint256 generation
    );

    /// @notice `matronId` became pregnant by `sireId`; the birth is due at `dueAt` and will be
    /// seeded by the hash of the block after this event's. `birthFee` is prepaid for the midwife.
    event Pregnant(uint256 indexed matronId, uint256 indexed sireId, uint256 dueAt, uint256 birthFee);

    /// @notice The seed of `matronId`'s birth is fixed: `birthSeed` (96 bits, derived from the
    /// hash of the pregnancy's seed block), whenever the birth happens.
    event BirthSeedSealed(uint256 indexed matronId, uint256 birthSeed);

    /// @notice `matronId`'s pregnancy by `sireId` ended without a child: nobody sealed its seed
    /// while the hash of `commitBlock` was available (256 blocks), and no new seed is drawn.
    event PregnancyLost(uint256 indexed matronId, uint256 indexed sireId, uint256 commitBlock);

    /// @notice The owner of `sireId` let `approved` breed one of their pets with it (0: revoked).
    event SiringApproved(address indexed owner, address indexed approved, uint256 indexed sireId);

    /// @notice The game was paused or unpaused: breeding, births and minting stop while paused.
    event Paused(address indexed account);
    /// @notice See {Paused}.
    event Unpaused(address indexed account);

    /// @notice The account that receives royalties changed.
    event TreasuryChanged(address indexed previousTreasury, address indexed newTreasury);
    /// @notice The ERC-2981 royalty is now `royaltyBps` basis points of each sale.
    event RoyaltyChanged(uint256 royaltyBps);
    /// @notice tokenURI now starts with `baseURI`.
    event BaseURIChanged(string baseURI);
    /// @notice ERC-7572: contractURI changed (it follows the base URI); marketplaces read the
    /// collection's metadata again.
    event ContractURIUpdated();
    /// @notice The fee a breeder may prepay for the midwife changed.
    event BirthFeeChanged(uint256 birthFee);

    /* ------------------------------------------------------------ */
    /*                       CUSTOM ERRORS                        */
    /* ------------------------------------------------------------ */

    /// @dev Breeding, births and minting are stopped by the admin.
    error PetGamePaused();
    /// @dev The genome has a reserved variant (31) or non-zero reserved bits.
    error PetInvalidGenes(uint256 genes);
    /// @dev All generation-0 pets that may ever exist have been created.
    error PetGen0LimitReached(uint256 limit);
    /// @dev All promotional generation-0 pets that may ever exist have been given.
    error PetPromoLimitReached(uint256 limit);
    /// @dev `caller` may not breed `matronId`: it is neither its owner nor the owner's operator.
    error PetNotMatronOwner(address caller, uint256 matronId);
    /// @dev A siring market asked to breed with `sireId`, which `owner`, not the market, holds.
    error PetSireNotEscrowed(uint256 sireId, address owner);
    /// @dev The owner of `sireId` has not approved `breeder` to use it.
    error PetSiringNotApproved(address breeder, uint256 sireId);
    /// @dev A pet cannot breed with itself.
    error PetSelfBreeding(uint256 petId);
    /// @dev One of the two pets is a parent of the other.
    error PetBreedingWithParent(uint256 matronId, uint256 sireId);
    /// @dev The two pets share a parent (full or half siblings).
    error PetBreedingWithSibling(uint256 matronId, uint256 sireId);
    /// @dev `petId` is cooling down until `readyAt`.
    error PetCoolingDown(uint256 petId, uint256 readyAt);
    /// @dev `petId` is pregnant and cannot breed again before giving birth.
    error PetIsPregnant(uint256 petId);
    /// @dev The value sent with a breeding is neither 0 nor the current birth fee.
    error PetWrongBirthFee(uint256 sent, uint256 expected);
    /// @dev The birth fee is above what a pet record can hold.
    error PetBirthFeeTooHigh(uint256 fee, uint256 max);
    /// @dev `matronId` is not pregnant.
    error PetNotPregnant(uint256 matronId);
    /// @dev `matronId` is pregnant but not due before `dueAt`.
    error PetGestationNotOver(uint256 matronId, uint256 dueAt);
    /// @dev The block whose hash seeds this birth is not mined yet.
    error PetBirthSeedNotMined(uint256 matronId, uint256 commitBlock);
    /// @dev The hash of `commitBlock`, which seeds this pregnancy, is gone (more than 256
    /// blocks old) and the seed was not sealed in time: it can no longer be sealed.
    error PetBirthSeedLost(uint256 matronId, uint256 commitBlock);
    /// @dev Paying the prepaid birth fee to the caller of giveBirth failed.
    error PetBirthFeePaymentFailed(address to, uint256 amount);
    /// @dev A child would be of a generation the pet record cannot hold (above 65,535).
    error PetGenerationLimitReached(uint256 generation);
    /// @dev The royalty asked for is above the contract's cap.
    error PetRoyaltyTooHigh(uint256 royaltyBps, uint256 max);
    /// @dev The zero address where an account is required.
    error PetZeroAddress();
    /// @dev {transferForSale} was given pet nonce `signedNonce` of `petId`, which has moved
    /// since (now `currentNonce`): the pet was transferred, bred or gave birth.
    error PetStaleNonce(uint256 petId, uint256 signedNonce, uint256 currentNonce);

    /* ------------------------------------------------------------ */
    /*                     GAME FUNCTIONS                         */
    /* ------------------------------------------------------------ */

    /// @notice Everything the chain knows about `petId`.
    function getPet(uint256 petId) external view returns (Pet memory);

    /// @notice The per-pet nonce that every transfer, every breeding (matron and sire) and
    /// every birth (the matron) of `petId` advances. Signed market orders name it, so moving,
    /// breeding or a birth voids all of the pet's earlier orders.
    function petNonce(uint256 petId) external view returns (uint256);

    /// @notice For a market that sells `petId` at `salePrice`: {IERC721-transferFrom}, only if
    /// `petId`'s pet nonce is still `signedNonce`, returning the ERC-2981 royalty due on the
    /// sale. A market checks a signed order, moves the pet and learns the royalty in one call.
    function transferForSale(
        address from,
        address to,
        uint256 petId,
        uint256 signedNonce,
        uint256 salePrice
    ) external returns (address royaltyReceiver, uint256 royaltyAmount);

    /// @notice True when `petId` is neither pregnant nor cooling down.
    function isReadyToBreed(uint256 petId) external view returns (bool);

    /// @notice True when `matronId` and `sireId` may breed now (ownership and approval aside).
    function canBreedWith(uint256 matronId, uint256 sireId) external view returns (bool);

    /// @notice Let `to` breed one of their pets with `sireId` once.
    function approveSiring(address to, uint256 sireId) external;

    /// @notice The account that may use `sireId` for one breeding, or 0.
    function siringApprovedFor(uint256 sireId) external view returns (address);

    /// @notice Make `matronId` pregnant by `sireId`.
    function breedWith(uint256 matronId, uint256 sireId) external payable;

    /// @notice Bring a due pregnancy of `matronId` to term.
    function giveBirth(uint256 matronId) external returns (uint256 childId);
}
