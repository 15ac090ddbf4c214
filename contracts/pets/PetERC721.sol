// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Context} from "@openzeppelin/contracts/utils/Context.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ERC721Utils} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Utils.sol";

/// @title PetERC721
/// @notice The full final ERC-721, written for pets: each token's owner shares one storage
/// word with a pet nonce and with data of the game, so a transfer writes one word for the
/// token, and a transfer or a change of the game's data voids approvals and signed market
/// orders without touching them.
/// @dev Why not OpenZeppelin's ERC721: it keeps owners in a private mapping of addresses, so a
/// per-pet nonce would cost a second storage write on every transfer, and clearing the
/// approval a third. Why not Solady's: it reads `msg.sender` in assembly, which would bypass
/// the ERC-2771 forwarder that gasless play relies on.
/// Errors are OpenZeppelin's ERC-6093 errors, so wallets and explorers decode them.
///
/// Ownership word of a token (`_ownership[tokenId]`):
///   [0..159]   owner (zero: the token does not exist)
///   [160..191] pet nonce: +1 on every transfer and on every change of the data below,
///              wrapping after 2^32 changes
///   [192..255] data of the inheriting contract, kept as it is by transfers
///
/// Balance word (`_balances[owner]`): [0..254] the number of tokens, [255] pull-only. A
/// pull-only account (a market that escrows pets) receives tokens only in transfers it makes
/// itself, so no one can strand a token in it with a plain transfer. The flag lives in the
/// word every transfer already reads and writes, so checking it costs no storage access.
///
/// Approval word (`_tokenApprovals[tokenId]`): [0..159] approved account, [160..191] the
/// pet nonce when it was approved. An approval whose nonce is not the token's current one
/// has been voided by a transfer, as ERC-721 requires, or by a change of the token (a pet's
/// breeding or birth: our decision, the approver approved the token as it was), without a
/// write to clear it.
abstract contract PetERC721 is Context, IERC721, IERC721Errors {
    /* ------------------------------------------------------------ */
    /*                          CONSTANTS                           */
    /* ------------------------------------------------------------ */

    uint256 internal constant _ADDRESS_MASK = (1 << 160) - 1;
    uint256 internal constant _NONCE_SHIFT = 160;
    uint256 internal constant _NONCE_MASK = (1 << 32) - 1;
    /// @dev Owner and nonce: what a transfer rewrites in the ownership word.
    uint256 private constant _OWNER_AND_NONCE_MASK = (1 << 192) - 1;
    /// @dev Bit 255 of a balance word: its account receives tokens only in its own transfers.
    uint256 internal constant _PULL_ONLY = 1 << 255;

    /* ------------------------------------------------------------ */
    /*                        CUSTOM ERRORS                         */
    /* ------------------------------------------------------------ */

    /// @dev `spender` tried to move `tokenId` into the pull-only account `receiver`, which
    /// takes tokens only in transfers it makes itself (a market's escrow).
    error PetPullOnlyReceiver(address receiver, address spender, uint256 tokenId);

    /* ------------------------------------------------------------ */
    /*                           STORAGE                            */
    /* ------------------------------------------------------------ */

    mapping(uint256 tokenId => uint256 ownershipWord) private _ownership;
    mapping(address owner => uint256 balanceWord) private _balances;
    mapping(uint256 tokenId => uint256 approvalWord) private _tokenApprovals;
    mapping(address owner => mapping(address operator => bool)) private _operatorApprovals;

    /* ------------------------------------------------------------ */
    /*                      ERC-721 FUNCTIONS                       */
    /* ------------------------------------------------------------ */

    /// @notice The number of pets `owner` has.
    /// @dev Requirements: `owner` is not the zero address.
    function balanceOf(address owner) public view virtual returns (uint256) {
        if (owner == address(0)) revert ERC721InvalidOwner(address(0));
        return _balances[owner] & ~_PULL_ONLY;
    }

    /// @notice The owner of `tokenId`.
    /// @dev Requirements: `tokenId` exists.
    function ownerOf(uint256 tokenId) public view virtual returns (address) {
        return _requireOwned(tokenId);
    }

    /// @notice Let `to` transfer `tokenId` until its next transfer (zero address: nobody).
    /// @dev Requirements: the caller owns `tokenId` or is an operator of its owner.
    /// Emits {Approval}.
    function approve(address to, uint256 tokenId) public virtual {
        uint256 word = _ownership[tokenId];
        address owner = address(uint160(word));
        if (owner == address(0)) revert ERC721NonexistentToken(tokenId);
        address caller = _msgSender();
        if (caller != owner && !_operatorApprovals[owner][caller]) revert ERC721InvalidApprover(caller);
        _tokenApprovals[tokenId] = uint160(to) | (word & (_NONCE_MASK << _NONCE_SHIFT));
        emit Approval(owner, to, tokenId);
    }

    /// @notice The account approved for `tokenId`, or the zero address.
    /// @dev Requirements: `tokenId` exists.
    function getApproved(uint256 tokenId) public view virtual returns (address) {
        _requireOwned(tokenId);
        return _approvedOf(tokenId, _ownership[tokenId]);
    }

    /// @notice Let `operator` manage all of the caller's pets, or stop letting it.
    /// @dev Requirements: `operator` is not the zero address. Emits {ApprovalForAll}.
    function setApprovalForAll(address operator, bool approved) public virtual {
        if (operator == address(0)) revert ERC721InvalidOperator(address(0));
        address owner = _msgSender();
        _operatorApprovals[owner][operator] = approved;
        emit ApprovalForAll(owner, operator, approved);
    }

    /// @notice True when `operator` may manage all of `owner`'s pets.
    function isApprovedForAll(address owner, address operator) public view virtual returns (bool) {
        return _operatorApprovals[owner][operator];
    }

    /// @notice Move `tokenId` from `from` to `to` without asking `to` whether it can hold pets.
    /// @dev Requirements: `from` owns `tokenId`; the caller is `from`, its operator or the
    /// token's approved account; `to` is neither the zero address nor this contract; a
    /// pull-only `to` (a market) is the caller itself ({PetPullOnlyReceiver}). Emits {Transfer}.
    function transferFrom(address from, address to, uint256 tokenId) public virtual {
        _transfer(_msgSender(), from, to, tokenId);
    }

    /// @notice Like {transferFrom}, then asks a contract `to` to accept the pet.
    /// @dev Reverts with {ERC721InvalidReceiver} unless `to` is an account without code or
    /// answers `onERC721Received` with its selector. Emits {Transfer}.
    function safeTransferFrom(address from, address to, uint256 tokenId) public virtual {
        safeTransferFrom(from, to, tokenId, "");
    }

    /// @notice Like {safeTransferFrom}, passing `data` to the receiver.
    function safeTransferFrom(address from, address to, uint256 tokenId, bytes memory data) public virtual {
        address operator = _msgSender();
        _transfer(operator, from, to, tokenId);
        // The move is complete before the receiver runs, so a re-entering receiver sees
        // the new owner and cannot move the pet twice.
        ERC721Utils.checkOnERC721Received(operator, from, to, tokenId, data);
    }

    /// @notice ERC-165: ERC-721 and ERC-165 itself.
    function supportsInterface(bytes4 interfaceId) public view virtual returns (bool) {
        return interfaceId == type(IERC721).interfaceId || interfaceId == 0x01ffc9a7; // ERC-165
    }

    /* ------------------------------------------------------------ */
    /*                     INTERNAL FUNCTIONS                       */
    /* ------------------------------------------------------------ */

    /// @dev True when `account` receives tokens only in transfers it makes itself.
    function _isPullOnly(address account) internal view returns (bool) {
        return _balances[account] & _PULL_ONLY != 0;
    }

    /// @dev Makes `account` pull-only, for good (see the balance word above).
    function _setPullOnly(address account) internal {
        _balances[account] |= _PULL_ONLY;
    }

    /// @dev The owner of `tokenId`; reverts with {ERC721NonexistentToken} if there is none.
    function _requireOwned(uint256 tokenId) internal view returns (address owner) {
        owner = address(uint160(_ownership[tokenId]));
        if (owner == address(0)) revert ERC721NonexistentToken(tokenId);
    }

    /// @dev The whole ownership word of `tokenId` (zero if it does not exist).
    function _ownershipWord(uint256 tokenId) internal view returns (uint256) {
        return _ownership[tokenId];
    }

    /// @dev The pet nonce inside an ownership word.
    function _nonceOf(uint256 word) internal pure returns (uint256) {
        return (word >> _NONCE_SHIFT) & _NONCE_MASK;
    }

    /// @dev The nonce that follows the one in `word`, in place (bits 160..191), and nothing else.
    function _nextNonceBits(uint256 word) private pure returns (uint256) {
        unchecked {
            // word >> 160 is below 2^96, so + 1 cannot overflow; the mask wraps the nonce.
            return (((word >> _NONCE_SHIFT) + 1) & _NONCE_MASK) << _NONCE_SHIFT;
        }
    }

    /// @dev The data of the inheriting contract inside an ownership word (its bits 192..255).
    function _extraDataOf(uint256 word) internal pure returns (uint256) {
        return word >> 192;
    }

    /// @dev Replaces the inheriting contract's data (bits 192..255) in the ownership word of
    /// an existing `tokenId` whose current word is `word`, and advances its nonce: the token
    /// changed, so its approvals and the signed orders that name the old nonce die.
    function _setExtraData(uint256 tokenId, uint256 word, uint256 extraData) internal {
        _ownership[tokenId] = (word & _ADDRESS_MASK) | _nextNonceBits(word) | (extraData << 192);
    }

    /// @dev True when `account` is `owner` or one of its operators.
    function _isOwnerOrOperator(address owner, address account) internal view returns (bool) {
        return account == owner || _operatorApprovals[owner][account];
    }

    /// @dev The approved account of `tokenId` whose ownership word is `word`, or zero when
    /// the approval predates the token's last transfer.
    function _approvedOf(uint256 tokenId, uint256 word) private view returns (address) {
        uint256 approval = _tokenApprovals[tokenId];
        if ((approval >> _NONCE_SHIFT) != _nonceOf(word)) return address(0);
        return address(uint160(approval));
    }

    /// @dev Moves `tokenId`, checking that `spender` may, and that a pull-only `to` is the
    /// spender itself. The one place every transfer passes through: it advances the nonce
    /// that voids approvals and signed orders.
    function _transfer(address spender, address from, address to, uint256 tokenId) internal virtual {
        uint256 word = _ownership[tokenId];
        address owner = address(uint160(word));
        if (owner == address(0)) revert ERC721NonexistentToken(tokenId);
        if (owner != from) revert ERC721IncorrectOwner(from, tokenId, owner);
        // A pet sent to this contract could never leave it again.
        if (to == address(0) || to == address(this)) revert ERC721InvalidReceiver(to);
        if (spender != owner && !_operatorApprovals[owner][spender] && _approvedOf(tokenId, word) != spender) {
            revert ERC721InsufficientApproval(spender, tokenId);
        }
        uint256 toBalance = _balances[to];
        if (toBalance & _PULL_ONLY != 0 && spender != to) revert PetPullOnlyReceiver(to, spender, tokenId);
        _ownership[tokenId] = (word & ~_OWNER_AND_NONCE_MASK) | _nextNonceBits(word) | uint160(to);
        // A transfer to oneself changes no count (and `toBalance` would be stale after the
        // decrement below).
        if (from != to) {
            unchecked {
                // `from` owns this token, so its count is at least 1 (and the flag in bit 255
                // is untouched); no count can exceed the number of tokens minted, below 2^32.
                _balances[from] -= 1;
                _balances[to] = toBalance + 1;
            }
        }
        emit Transfer(from, to, tokenId);
    }

    /// @dev Creates `tokenId` for `to` with `extraData` in bits 192..255 of its ownership
    /// word, without asking `to` to accept it (births go to a matron's owner, who already
    /// holds pets); a pull-only `to` must be the caller. Emits {Transfer} from the zero address.
    function _mint(address to, uint256 tokenId, uint256 extraData) internal virtual {
        if (to == address(0) || to == address(this)) revert ERC721InvalidReceiver(to);
        if (_ownership[tokenId] != 0) revert ERC721InvalidSender(address(0));
        uint256 toBalance = _balances[to];
        // _msgSender() (ERC-2771) is asked only for a pull-only receiver, so births and mints
        // to players do not pay for it.
        if (toBalance & _PULL_ONLY != 0 && _msgSender() != to) revert PetPullOnlyReceiver(to, _msgSender(), tokenId);
        _ownership[tokenId] = (extraData << 192) | uint160(to);
        unchecked {
            _balances[to] = toBalance + 1; // bounded by the number of tokens minted, below 2^32
        }
        emit Transfer(address(0), to, tokenId);
    }
}
